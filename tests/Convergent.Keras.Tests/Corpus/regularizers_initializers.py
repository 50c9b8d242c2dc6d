# Regularizers, initializers and constraints in every spelling.
from keras.models import Sequential
from keras.layers import Dense, Dropout, Activation
from keras import regularizers, initializers
from keras.regularizers import l2, activity_l1
from keras.constraints import max_norm, nonneg

model = Sequential()
# Keras 1 spellings
model.add(Dense(output_dim=256, input_dim=100, init='uniform', W_regularizer=l2(0.01),
                activity_regularizer=activity_l1(1e-5), W_constraint=max_norm(2.)))
model.add(Activation('relu'))
model.add(Dropout(p=0.5))
# Keras 2 spellings
model.add(Dense(128, kernel_initializer=initializers.HeNormal(seed=1), bias_initializer='zeros',
                kernel_regularizer=regularizers.l2(1e-4), bias_regularizer=regularizers.l1_l2(l1=1e-5, l2=1e-4),
                kernel_constraint=nonneg()))
model.add(Activation('relu'))
model.add(Dense(64, activation='relu', kernel_initializer=initializers.RandomNormal(stddev=0.01),
                use_bias=False))
model.add(Dense(10, activation='softmax', kernel_initializer='glorot_normal'))
model.compile(optimizer='nadam', loss='categorical_crossentropy', metrics=['categorical_accuracy'])
model.fit(x, y, nb_epoch=10, batch_size=128)
